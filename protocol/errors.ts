/**
 * Errors raised while decoding OCS messages. Each carries what a log line needs.
 *
 * @module
 */

/** The XML text is not well-formed, or uses a construct we refuse (DOCTYPE, entities). */
export class OcsSyntaxError extends SyntaxError {
  /** Character offset in the decoded document where the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.name = "OcsSyntaxError";
    this.offset = offset;
  }
}

/**
 * A message that parsed as XML but is not a valid OCS request: wrong root, missing or invalid
 * DEVICEID, unknown QUERY, undecodable body. `status` is the HTTP status a server answers with.
 */
export class OcsProtocolError extends Error {
  readonly status: 400 | 413 | 415 | 500;
  constructor(message: string, status: 400 | 413 | 415 | 500 = 400, options?: ErrorOptions) {
    super(message, options);
    this.name = "OcsProtocolError";
    this.status = status;
  }
}
