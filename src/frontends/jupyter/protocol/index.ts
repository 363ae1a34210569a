/** The Jupyter kernel's protocol server: sockets, signing, ordering. */
export { KernelServer, type KernelServerOptions } from "./server.js";
export { ConnectionFileError, parseConnection, readConnectionFile, socketAddress, type ConnectionInfo } from "./connection.js";
export { decode, encode, makeHeader, Signer, DELIMITER, PROTOCOL_VERSION } from "./wire.js";
export { SendQueue } from "./queue.js";
