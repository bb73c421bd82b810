// AWS-shaped errors raised by the local server. Handlers throw them; the HTTP layer turns
// them into `{__type, message}` with `x-amzn-ErrorType` (SERVICE.md §1.5).

export class ApiError extends Error {
  constructor(
    /** Bare shape name, e.g. `InvalidParameterException`. */
    readonly type: string,
    readonly status: number,
    message: string,
    /** True for §2 constraint violations (Cognito Identity calls these ValidationException). */
    readonly isValidation = false,
  ) {
    super(message);
    this.name = type;
  }
}

export const validationFailed = (message: string): ApiError => new ApiError('InvalidParameterException', 400, message, true);

export const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', 400, message);
export const limitExceeded = (message: string): ApiError => new ApiError('LimitExceededException', 400, message);
export const notFound = (message: string): ApiError => new ApiError('ResourceNotFoundException', 404, message);
export const conflict = (message: string): ApiError => new ApiError('ResourceConflictException', 409, message);
export const serialization = (message: string): ApiError => new ApiError('SerializationException', 400, message);

export const poolNotFound = (poolId: string): ApiError => notFound(`IdentityPool '${poolId}' not found.`);
export const identityNotFound = (identityId: string): ApiError => notFound(`Identity '${identityId}' not found.`);
export const datasetNotFound = (name: string): ApiError => notFound(`Dataset '${name}' not found.`);
export const deviceNotFound = (deviceId: string): ApiError => notFound(`Device '${deviceId}' not found.`);
export const invalidNextToken = (): ApiError => invalidParameter('Invalid NextToken');

/**
 * Cognito Identity (JSON 1.1) answers 400 for every client error, even not-found ones,
 * and names constraint violations ValidationException (SERVICE.md §6).
 */
export function asIdentityServiceError(error: ApiError): ApiError {
  if (error.status >= 500) return error;
  const type = error.isValidation ? 'ValidationException' : error.type;
  return new ApiError(type, 400, error.message);
}
