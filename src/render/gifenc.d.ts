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
  // the package is CommonJS: Node exposes its exports as the default import only
  const gifenc: { GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder };
  export default gifenc;
}
