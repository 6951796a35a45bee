/**
 * Fault injection. The server asks `decide()` once per API request; the answer can add
 * latency and/or replace the normal outcome with an HTTP error status or a dropped
 * connection, either before the action runs or after it ran (lost response — the
 * interesting case for retry idempotency). New kinds (slow chunks, partial bodies)
 * extend `FaultEffect` without touching callers. The plan also sets the bandwidth of the
 * emulated link request bodies arrive through (link.ts).
 */
import { Link } from './link';

export type FaultEffect = { type: 'status'; status: number } | { type: 'reset' };

export interface FaultRule {
	/** Match service / action (case-insensitive); omitted = any. */
	service?: string;
	action?: string;
	/** How many matching requests still get the fault. */
	times: number;
	/** Matching requests to let through before the fault starts (default 0). */
	skip?: number;
	effect: FaultEffect;
	/** `before` (default): the action is not executed. `after`: it runs, the response is lost. */
	when?: 'before' | 'after';
}

export interface FaultPlan {
	latencyMs: number;
	/** Bandwidth of the link request bodies come through, in Mbit/s; 0 = unlimited. */
	bandwidthMbps: number;
	rules: FaultRule[];
}

export interface FaultDecision {
	delayMs: number;
	effect: FaultEffect | null;
	when: 'before' | 'after';
	label: string | null;
}

export interface FaultTarget {
	service: string;
	action: string;
}

export class Faults {
	private rules: FaultRule[] = [];
	readonly link: Link;

	constructor(
		public latencyMs = 0,
		private readonly baseBandwidthMbps = 0,
	) {
		this.link = new Link(baseBandwidthMbps);
	}

	/** Fail the next `times` requests matching service/action with HTTP 503 (or another effect). */
	failNext(
		times: number,
		match: {
			service?: string;
			action?: string;
			effect?: 'http503' | 'reset' | FaultEffect;
			when?: 'before' | 'after';
		} = {},
	): FaultRule {
		const effect: FaultEffect =
			match.effect === 'reset'
				? { type: 'reset' }
				: match.effect === undefined || match.effect === 'http503'
					? { type: 'status', status: 503 }
					: match.effect;
		return this.add({ service: match.service, action: match.action, times, effect, when: match.when });
	}

	add(rule: FaultRule): FaultRule {
		const copy = { ...rule };
		this.rules.push(copy);
		return copy;
	}

	/** Removes every rule and the added latency; the link goes back to the bandwidth the sandbox started with. */
	clear(): void {
		this.rules = [];
		this.latencyMs = 0;
		this.link.setBandwidth(this.baseBandwidthMbps);
	}

	plan(): FaultPlan {
		return {
			latencyMs: this.latencyMs,
			bandwidthMbps: this.link.bandwidthMbps,
			rules: this.rules.map((r) => ({ ...r })),
		};
	}

	/** Replace the whole plan (HTTP hook `POST /__sandbox/faults`). */
	setPlan(plan: Partial<FaultPlan>): void {
		if (plan.latencyMs !== undefined) this.latencyMs = plan.latencyMs;
		if (plan.bandwidthMbps !== undefined) this.link.setBandwidth(plan.bandwidthMbps);
		if (plan.rules) this.rules = plan.rules.map((r) => ({ ...r }));
	}

	/** Consumes one use of the first matching rule. `targets` = the request and its sub-requests. */
	decide(targets: FaultTarget[]): FaultDecision {
		const eq = (want: string | undefined, got: string): boolean => want === undefined || want.toLowerCase() === got;
		let rule = this.rules.find(
			(r) => r.times > 0 && targets.some((t) => eq(r.service, t.service) && eq(r.action, t.action)),
		);
		if (rule && (rule.skip ?? 0) > 0) {
			rule.skip = (rule.skip ?? 0) - 1;
			rule = undefined;
		} else if (rule) {
			rule.times -= 1;
			this.rules = this.rules.filter((r) => r.times > 0);
		}
		const effect = rule ? rule.effect : null;
		return {
			delayMs: this.latencyMs,
			effect,
			when: rule?.when ?? 'before',
			label: effect ? (effect.type === 'reset' ? 'reset' : `status:${effect.status}`) : null,
		};
	}
}
