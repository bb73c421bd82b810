// Imported FIRST by tests that assert colours: chalk (inside Ink) decides its colour level
// when it is first loaded, and under the test runner stdout is not a terminal.
process.env.FORCE_COLOR = '1';
