import { errorResponse } from "@/lib/api/respond";
import { AppError } from "@/lib/errors/app-error";

/** Unknown API paths answer in the API's error shape, not with the HTML 404 page. */
function notFound() {
  return errorResponse(new AppError("NOT_FOUND", "No such API route. See /api/v1/openapi.json."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
