import { describe, expect, it } from 'vitest';
import { parseCameraList, rpicamVidArgs } from './libcamera';

/** As printed by rpicam-hello --list-cameras on a Pi 5 with a Camera Module 3 and an OV5647. */
const TWO_CAMERAS = `Available cameras
-----------------
0 : imx708 [4608x2592 10-bit RGGB] (/base/axi/pcie@120000/rp1/i2c@88000/imx708@1a)
    Modes: 'SRGGB10_CSI2P' : 1536x864 [120.13 fps - (768, 432)/3072x1728 crop]
                             2304x1296 [56.03 fps - (0, 0)/4608x2592 crop]
                             4608x2592 [14.35 fps - (0, 0)/4608x2592 crop]

1 : ov5647 [2592x1944 10-bit GBRG] (/base/axi/pcie@120000/rp1/i2c@80000/ov5647@36)
    Modes: 'SGBRG10_CSI2P' : 640x480 [58.92 fps - (16, 0)/2560x1920 crop]
                             1296x972 [43.25 fps - (0, 0)/2592x1944 crop]
                             1920x1080 [30.62 fps - (348, 434)/1928x1080 crop]
                             2592x1944 [15.63 fps - (0, 0)/2592x1944 crop]
`;

/** An IMX219 (Camera Module 2) on a Pi 4, with the two formats rpicam-hello lists for it. */
const IMX219 = `Available cameras
-----------------
0 : imx219 [3280x2464 8-bit RGGB] (/base/soc/i2c0mux/i2c@1/imx219@10)
    Modes: 'SRGGB10_CSI2P' : 640x480 [103.33 fps - (1000, 752)/1280x960 crop]
                             1640x1232 [41.85 fps - (0, 0)/3280x2464 crop]
           'SRGGB8' : 640x480 [103.33 fps - (1000, 752)/1280x960 crop]
`;

describe('parseCameraList', () => {
  it('reads cameras, their sensors and modes', () => {
    const cameras = parseCameraList(TWO_CAMERAS);
    expect(cameras.map((c) => [c.index, c.sensor, c.width, c.height])).toEqual([
      [0, 'imx708', 4608, 2592],
      [1, 'ov5647', 2592, 1944],
    ]);
    expect(cameras[0].path).toBe('/base/axi/pcie@120000/rp1/i2c@88000/imx708@1a');
    expect(cameras[0].modes).toHaveLength(3);
    expect(cameras[1].modes[0]).toEqual({ format: 'SGBRG10_CSI2P', width: 640, height: 480, fps: 58.92 });
  });

  it('keeps the format of each mode', () => {
    const [camera] = parseCameraList(IMX219);
    expect(camera.modes.map((m) => `${m.format} ${m.width}x${m.height}`)).toEqual([
      'SRGGB10_CSI2P 640x480',
      'SRGGB10_CSI2P 1640x1232',
      'SRGGB8 640x480',
    ]);
  });

  it('finds none when none are connected', () => {
    expect(parseCameraList('No cameras available!\n')).toEqual([]);
  });
});

describe('rpicamVidArgs', () => {
  it('asks for endless MJPEG on stdout without preview', () => {
    expect(rpicamVidArgs({ index: 1, width: 640, height: 480, frameRate: 30 }).join(' ')).toBe(
      '-t 0 --codec mjpeg --nopreview --camera 1 --width 640 --height 480 --framerate 30 -o -',
    );
  });
});
