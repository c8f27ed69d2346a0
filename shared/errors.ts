/** The one error shape of the HTTP API and of realtime replies: {"error": {"code": "...", "message": "..."}} */
export interface ErrorBody {
  error: { code: string; message: string };
}
