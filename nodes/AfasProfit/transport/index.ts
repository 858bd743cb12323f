import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { AfasClient, AfasError, afasConnection, type AfasCredentialData, type HttpGet } from './afas';

export { AfasClient, AfasError };

type HelperContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The client for the node's AFAS Profit API credential.
 *
 * The token header is built here, not in the credential's `authenticate`: AFAS wants
 * `AfasToken ` + base64 of the token XML, which a generic authenticate block (fixed header
 * templates) cannot produce.
 */
export async function afasClient(context: HelperContext): Promise<AfasClient> {
	const data = (await context.getCredentials('afasProfitApi')) as AfasCredentialData;
	try {
		return new AfasClient(afasConnection(data), n8nHttpGet(context), { sleep });
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

/** GET through n8n's request helper: every status resolves, so AFAS's error body can be read. */
function n8nHttpGet(context: HelperContext): HttpGet {
	return async (url, headers) => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url,
			headers,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15 * 60 * 1000, // AFAS itself stops a request after 15 minutes
		};
		const response = (await context.helpers.httpRequest(options)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}

/**
 * AfasError → NodeApiError with AFAS's own words. Built from a clean object (status, AFAS's
 * message and log reference), never from the request, so the token header cannot leak.
 * Network codes (ENOTFOUND ...) stay out of it: n8n would swap our message for a generic one.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof AfasError) {
		const response: JsonObject = { message: error.message, description: error.description };
		if (error.details.statusCode !== undefined) response.statusCode = error.details.statusCode;
		if (error.details.profitLogReference) response.profitLogReference = error.details.profitLogReference;
		return new NodeApiError(node, response, {
			message: error.message,
			description: error.description,
			httpCode: error.details.statusCode === undefined ? undefined : String(error.details.statusCode),
			itemIndex,
		});
	}
	return error instanceof Error ? error : new Error(String(error));
}
