/** Contracts between the dispatcher and the per-service modules. */
import type { Args } from './args';
import type { Runtime } from '../runtime';

/**
 * Who may call an action:
 * - `ignored`: KS is not even looked at (session.start, @ksIgnored).
 * - `none`: no KS needed, but a KS that is sent must be valid.
 * - `user`: any valid USER or ADMIN KS.
 * - `admin`: ADMIN KS only (USER KS → SERVICE_FORBIDDEN).
 */
export type Access = 'ignored' | 'none' | 'user' | 'admin';

export interface Session {
	ks: string;
	partnerId: number;
	type: number;
	userId: string;
	validUntil: number;
	privileges: string;
	/** name → values (a privilege may carry several `/`-separated values). */
	privs: Map<string, string[]>;
	/** Widget sessions (`widget:1`) may only call actions marked `widget`. */
	isWidget: boolean;
}

export interface ActionContext {
	args: Args;
	session: Session | null;
	/** Partner the request acts for (KS partner, else partnerId param). */
	partnerId: number;
	service: string;
	action: string;
	rt: Runtime;
}

export interface ActionDef {
	access: Access;
	/** Allowed for widget sessions (read-only playback style calls). */
	widget?: boolean;
	run(ctx: ActionContext): unknown;
}

export interface ServiceDef {
	/** Lower-case wire id, e.g. `uploadtoken`. */
	id: string;
	actions: Record<string, ActionDef>;
}

/** An API object on the wire: must carry its Kaltura class name. */
export interface ApiObject {
	objectType: string;
	[key: string]: unknown;
}

export function listResponse(objectType: string, objects: ApiObject[], totalCount: number): ApiObject {
	return { objectType, objects, totalCount };
}
