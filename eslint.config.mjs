import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's community-node rules (the cloud set) apply unchanged to everything that is published:
// credentials/, nodes/ and package.json. The Kaltura sandbox and the tests are never shipped and
// run outside n8n (they need fs, http and timers), so they are left out here and type-checked instead.
export default [globalIgnores(['sandbox/**', 'test/**', 'examples/**', 'dist/**']), ...config];
