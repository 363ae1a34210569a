/** Types for the parts of gifenc (a plain-JavaScript GIF encoder) that memsim uses. */
declare module "gifenc" {
  export type Palette = number[][];
  export interface FrameOptions {
    palette?: Palette;
    delay?: number;
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
    first?: boolean;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
  }
  export function GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder;
  // Node loads the CommonJS build, whose exports all sit under the default import
  const gifenc: { GIFEncoder: typeof GIFEncoder };
  export default gifenc;
}
