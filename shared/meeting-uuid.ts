/**
 * Zoom's meeting UUIDs are 24 characters of base64, double-encoded ones a few more; anything far
 * longer is not a UUID, so the API and the socket refuse it before looking it up.
 */
export const MAX_MEETING_UUID_LENGTH = 200;
