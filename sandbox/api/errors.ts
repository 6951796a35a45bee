/**
 * Kaltura API errors with the exact codes and message templates of the real server
 * (api_v3/lib/KalturaErrors.php). Keeping the templates in one table means every
 * service builds its errors the same way and messages cannot drift per call site.
 */

const TEMPLATES: Record<string, string> = {
	SERVICE_NOT_SPECIFIED: 'Service name was not specified, please specify one',
	SERVICE_DOES_NOT_EXISTS: 'Service "@SRV_NAME@" does not exists',
	ACTION_DOES_NOT_EXISTS: 'Action "@ACTION_NAME@" does not exists for service "@SERVICE_NAME@"',
	UNKNOWN_RESPONSE_FORMAT: 'Response format provided [@FORMAT@] is not recognized by server',
	MISSING_MANDATORY_PARAMETER: 'Missing parameter "@PARAM_NAME@"',
	INVALID_ENUM_VALUE:
		'Invalid enumeration value "@ENUM_VAL@" for parameter "@PARAM_NAME@", expecting enumeration type "@ENUM_TYPE@"',
	OBJECT_TYPE_ABSTRACT: 'The object type "@OBJ_TYPE@" is abstract, use one of the object implementations',
	INVALID_ENTRY_STATUS: 'Invalid entry status',
	INVALID_OBJECT_TYPE: 'Invalid object type "@INVALID_OBJ_TYPE@"',
	PROPERTY_VALIDATION_CANNOT_BE_NULL: 'The property "@PROP_NAME@" cannot be null',
	PROPERTY_VALIDATION_MIN_LENGTH: 'The property "@PROP_NAME@" must have a min length of @MIN_LEN@ characters',
	PROPERTY_VALIDATION_MAX_LENGTH: 'The property "@PROP_NAME@" cannot have more than @MAX_LEN@ characters',
	PROPERTY_VALIDATION_NOT_UPDATABLE: 'The property "@PROP_NAME@" cannot be updated',
	INTERNAL_SERVERL_ERROR: 'Internal server error occurred',
	INTERNAL_SERVER_ERROR: 'Internal server error @ERR_TEXT@',
	MISSING_KS: 'Missing KS, session not established',
	INVALID_KS: 'Invalid KS "@KSID@", Error "@ERR_CODE@,@ERR_DESC@"',
	SERVICE_FORBIDDEN: 'The access to service [@SERVICE@] is forbidden',
	START_SESSION_ERROR: 'Error while starting session for partner [@PID@]',
	INVALID_WIDGET_ID: 'Unknown widget [@WIDGET_ID@]',
	INVALID_PARTNER_ID: 'Invalid partner id "@PID@"',
	APP_TOKEN_ID_NOT_FOUND: 'Application token id "@ID@" not found',
	APP_TOKEN_NOT_ACTIVE: 'Application token id "@ID@" not active',
	APP_TOKEN_EXPIRED: 'Application token id "@ID@" expired',
	INVALID_APP_TOKEN_HASH: 'Invalid application token hash',
	ENTRY_ID_NOT_FOUND: 'Entry id "@ENTRY_ID@" not found',
	INVALID_ENTRY_ID: 'Invalid entry id ["@ID@"]',
	ENTRY_ALREADY_WITH_CONTENT: 'Entry already associated with content',
	ENTRY_REPLACEMENT_ALREADY_EXISTS: 'Entry already in replacement',
	RESOURCE_TYPE_NOT_SUPPORTED: 'Resource type "@RES_TYPE@" not supported',
	CONVERSION_PROFILE_ID_NOT_FOUND: 'Conversion profile id "@ID@" not found',
	ENTRY_SOURCE_TYPE_NOT_SUPPORTED: 'Entry source type "@SOURCE_TYPE@" not supported',
	CANNOT_REGENERATE_STREAM_TOKEN_FOR_EXTERNAL_LIVE_STREAMS:
		'Cannot regenerate stream token for external type [@TYPE@] live stream',
	LIVE_STREAM_STATUS_CANNOT_BE_DETERMINED: 'Status cannot be determined for live stream protocol [@PROT@]',
	CATEGORY_NOT_FOUND: 'Category id "@ID@" not found',
	PARENT_CATEGORY_NOT_FOUND: 'Parent category id "@ID@" not found',
	DUPLICATE_CATEGORY: 'The category "@CATEGORY@" already exists',
	PARENT_CATEGORY_IS_CHILD:
		'The parent category "@PARENT_CATEGORY@" is one of the children for category "@OTHER_CATEGORY@"',
	CANNOT_INHERIT_MEMBERS_WHEN_PARENT_CATEGORY_IS_NOT_SET: 'Cannot inherit members when parent category is not set',
	PRIVACY_CONTEXT_INVALID_STRING: 'Privacy context is invalid "@CONTEXT@"',
	// "categroy" is how Kaltura spells it in these messages.
	CANNOT_SET_APPEAR_IN_LIST_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set appear in list field when privacy context is not set on the categroy',
	CANNOT_SET_INHERITANCE_TYPE_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set inheritance field when privacy context is not set on the categroy',
	CANNOT_SET_PRIVACY_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set privacy field when privacy context is not set on the categroy',
	CANNOT_SET_OWNER_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set owner field when privacy context is not set on the categroy',
	CANNOT_SET_CONTIRUBUTION_POLICY_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set contribution policy field when privacy context is not set on the categroy',
	CANNOT_SET_DEFAULT_PERMISSION_LEVEL_FIELD_WITH_NO_PRIVACY_CONTEXT:
		'Cannot set default permission level field when privacy context is not set on the categroy',
	CANNOT_SET_OWNER_FIELD_WITH_USER_ID: 'Cannot set owner field with user id "@ID@", user id is invalid',
	CANNOT_SET_OWNER_WHEN_CATEGORY_INHERIT_MEMBERS: 'Cannot set owner when category is set to inherit',
	CANNOT_SET_DEFAULT_PERMISSION_LEVEL_WHEN_CATEGORY_INHERIT_MEMBERS:
		'Cannot set default permission level when category is set to inherit',
	UPLOAD_TOKEN_NOT_FOUND: 'Upload token not found',
	UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD:
		'Upload token is in an invalid status for uploading a file, maybe the file was already uploaded',
	UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY:
		'Upload token is in an invalid status for adding entry, maybe the a file was not uploaded or the token was used',
	UPLOAD_TOKEN_CANNOT_RESUME: 'Cannot resume the upload, original file was not found',
	UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE: 'Failed to match expected file size',
	UPLOAD_TOKEN_MISSING_FILE_SIZE: 'FileSize is mandatory when enabling autoFinalize',
	MAX_ALLOWED_CHUNK_COUNT_EXCEEDED: 'Max allowed waiting chunks to be concatenated has exceeded allowed limit',
	UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED: 'Max resume time of @MAX_RESUME_TIME@ seconds reached, cannot resume upload',
	UPLOAD_ERROR: 'Upload failed',
	INVALID_PARAMETER_CHAR: 'Invalid char in "@XML_FIELD@" field',
};

export type ErrorArgs = Record<string, string | number>;

export class KalturaApiError extends Error {
	readonly code: string;
	readonly args: Record<string, string>;

	constructor(code: string, args: ErrorArgs = {}) {
		const template = TEMPLATES[code] ?? code;
		const stringArgs: Record<string, string> = {};
		for (const [k, v] of Object.entries(args)) stringArgs[k] = String(v);
		// Like APIErrors::getErrorData: placeholders without a value become "N/A".
		super(template.replace(/@([A-Z_]+)@/g, (_m, name: string) => stringArgs[name] ?? 'N/A'));
		this.code = code;
		this.args = stringArgs;
	}

	/** Wire shape; PHP json_encode turns an empty args map into `[]`, so we do too. */
	toJSON(): Record<string, unknown> {
		return {
			code: this.code,
			message: this.message,
			objectType: 'KalturaAPIException',
			args: Object.keys(this.args).length === 0 ? [] : this.args,
		};
	}
}

export function apiError(code: string, args?: ErrorArgs): KalturaApiError {
	return new KalturaApiError(code, args);
}

/** INVALID_KS as the v3 front controller emits it: the reason lands in KSID, the code is always -1. */
export function invalidKs(ksid: string): KalturaApiError {
	return new KalturaApiError('INVALID_KS', { KSID: ksid, ERR_CODE: -1, ERR_DESC: 'INVALID_STR' });
}

/** Ownership failure from KalturaDispatcher::validateUser. */
export function invalidKsType(): KalturaApiError {
	return new KalturaApiError('INVALID_KS', { KSID: '', ERR_CODE: -4, ERR_DESC: 'INVALID_TYPE' });
}

export function serviceForbidden(service: string, action: string): KalturaApiError {
	return new KalturaApiError('SERVICE_FORBIDDEN', { SERVICE: `${service}->${action}` });
}
