/**
 * API URL routing. Everything after `/api_v3/` (optionally `/index.php/`) is read as
 * alternating key/value pairs, exactly like infraRequestUtils::getUrlRequestParams,
 * so `/service/media/action/list/format/1` yields three params.
 */
import { ParamTree, setFlat } from './paramTree';

export function isApiPath(pathname: string): boolean {
	return pathname === '/api_v3' || pathname.startsWith('/api_v3/');
}

export function pathParams(pathname: string): ParamTree {
	let rest = pathname.replace(/^\/api_v3\/?/, '');
	rest = rest.replace(/^index\.php\/?/, '');
	const parts = rest.split('/').filter((p) => p !== '');
	const tree: ParamTree = {};
	for (let i = 0; i + 1 < parts.length; i += 2) {
		setFlat(tree, decodeURIComponent(parts[i]), decodeURIComponent(parts[i + 1]));
	}
	// `/service/multirequest` has no value after the last key's partner; nothing else to do.
	return tree;
}
