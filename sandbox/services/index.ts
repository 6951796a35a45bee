/** Service registry: one module per Kaltura service, keyed by lower-case wire id. */
import type { ServiceDef } from '../api/types';
import { appTokenService } from './appToken';
import { baseEntryService } from './baseEntry';
import { categoryService } from './category';
import { conversionProfileService } from './conversionProfile';
import { liveStreamService } from './liveStream';
import { mediaService } from './media';
import { sessionService } from './session';
import { systemService } from './system';
import { uploadTokenService } from './uploadToken';

export const SERVICES: ServiceDef[] = [
	sessionService,
	appTokenService,
	systemService,
	mediaService,
	baseEntryService,
	uploadTokenService,
	liveStreamService,
	conversionProfileService,
	categoryService,
];
