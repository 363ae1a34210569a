/** Something with a start and a close: started, or closed again if it could not start. */
export async function started<T extends { start(): Promise<void>; close(): Promise<void> }>(thing: T): Promise<T> {
  try {
    await thing.start();
  } catch (error) {
    await thing.close();
    throw error;
  }
  return thing;
}
