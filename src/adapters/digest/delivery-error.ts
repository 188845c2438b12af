/**
 * A post that did not go through; `code` is short and safe to show in /healthz (no URL, no token). `unconfirmed`:
 * the platform may have received it all the same (the connection failed, a 5xx), so a retry must look first.
 */
export class DeliveryError extends Error {
  constructor(readonly code: string, readonly unconfirmed = false) {
    super(code);
    this.name = 'DeliveryError';
  }
}
