// Shared by runTest.ts, which writes the file into the window's folder, and the test that opens it.

/** A saved monitors response, the first file opened in the window. */
export const firstFileName = 'monitors.json';
/** The job ID in it, where the test puts the cursor. */
export const firstFileJobId = 1046892;
