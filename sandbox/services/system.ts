/** system.ping: the liveness probe clients use before anything else. */
import type { ServiceDef } from '../api/types';

export const systemService: ServiceDef = {
	id: 'system',
	actions: {
		ping: { access: 'none', widget: true, run: () => true },
	},
};
