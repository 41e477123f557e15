import mqtt, { type MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

/** A plain MQTT subscriber that records everything it receives, for assertions. */
export class MqttRecorder {
  readonly messages: Received[] = [];
  readonly client: MqttClient;
  #waiters: (() => void)[] = [];

  private constructor(client: MqttClient) {
    this.client = client;
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload, retain: packet.retain });
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async connect(url: string, topics: string[]): Promise<MqttRecorder> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
    const recorder = new MqttRecorder(client);
    await client.subscribeAsync(topics, { qos: 1 });
    return recorder;
  }

  /** Messages on a topic, as text. */
  texts(topic: string): string[] {
    return this.messages.filter((m) => m.topic === topic).map((m) => m.payload.toString());
  }

  /** Waits until `predicate` holds, re-checking on each message; bounded by `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.#waiters.push(check);
      };
      check();
    });
  }

  publish(topic: string, payload: string | Buffer): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1 });
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}
