// The few parts of node-webcam (which ships no types) that the webcam source uses.
declare module 'node-webcam' {
  export interface WebcamOptions {
    width?: number;
    height?: number;
    quality?: number;
    delay?: number;
    output?: 'jpeg' | 'png' | 'bmp';
    device?: string | false;
    callbackReturn?: 'location' | 'buffer' | 'base64';
    saveShots?: boolean;
    verbose?: boolean;
  }
  export class FSWebcam {
    constructor(options: WebcamOptions);
    capture(location: string, callback: (err: Error | null, data: Buffer) => void): void;
  }
  const NodeWebcam: { FSWebcam: typeof FSWebcam };
  export default NodeWebcam;
}
