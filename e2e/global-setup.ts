import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync('bash', ['e2e/make-assets.sh', 'e2e/.assets'], { stdio: 'inherit' });
}
