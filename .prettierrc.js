/**
 * Prettier settings: n8n's starter settings, with the print width this codebase was written to.
 * At 120 columns the formatter changes the fewest lines in nodes/ and credentials/ (fewer than at
 * the starter's 100, or at 110 and 130).
 * Options: https://prettier.io/docs/options
 */
module.exports = {
	semi: true,
	singleQuote: true,
	quoteProps: 'as-needed',
	trailingComma: 'all',
	bracketSpacing: true,
	arrowParens: 'always',
	useTabs: true,
	tabWidth: 2,
	printWidth: 120,
	endOfLine: 'lf',
};
