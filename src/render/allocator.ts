/**
 * Set before @napi-rs/canvas loads (see canvas.ts). Its native module allocates with
 * mimalloc, which by default asks for transparent huge pages: every fresh pixel buffer then
 * costs the zeroing of whole 2 MB pages, and reading a diagram back from the canvas took
 * several times longer than the copy itself. An operator's own setting is kept.
 */
process.env.MIMALLOC_ALLOW_THP ??= "0";
