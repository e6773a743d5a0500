// Run as a child process by the claim test: claims a run, says "claimed" or "busy", and holds the
// claim until it is killed. argv: claims directory, run ID.
import { RunClaims } from '../../../src/core/runs/claim';
import { systemProbe } from '../../../src/core/runs/owner';

const [directory, runId] = process.argv.slice(2);
const claim = new RunClaims(directory, systemProbe).claim(runId);
process.stdout.write(claim ? 'claimed\n' : 'busy\n');
setInterval(() => undefined, 60_000);
