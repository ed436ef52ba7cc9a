import { readdirSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { expect, test } from './fixtures';

test('the model panel loads the bundled pack, says what runs and why, keeps it offline, loads a zip, refuses junk and keeps the pack in use', async ({
  studio,
  page,
}, info) => {
  await studio.action('models').click();
  const panel = page.getByTestId('models-panel');
  await expect(panel.getByTestId('models-current')).toHaveText('No model pack is loaded.');
  await panel.getByTestId('models-load-bundled').click();
  // The bundled pack's own name and version, as its manifest gives them.
  const bundled = JSON.parse(readFileSync('public/models/omni-small/manifest.json', 'utf8'));
  await expect(panel.getByTestId('models-current')).toContainText(`${bundled.name} ${bundled.pack_version}`, {
    timeout: 60_000,
  });
  await expect(panel.getByTestId('models-current')).toContainText(
    'runs on WASM, int8 weights: WASM on the CPU: the WebGPU adapter is a software fallback',
  );
  await expect(panel.getByTestId('models-cached')).toContainText('omni-small');

  const dir = 'public/models/test-pack';
  const names = readdirSync(dir).filter((n) => !n.startsWith('goldens'));
  const zipPath = info.outputPath('test-pack.zip');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    zipPath,
    zipSync(Object.fromEntries(names.map((n) => [`test-pack/${n}`, new Uint8Array(readFileSync(`${dir}/${n}`))]))),
  );
  await panel.getByTestId('models-backend').selectOption('webgpu');
  await panel.getByTestId('models-zip').setInputFiles(zipPath);
  await expect(panel.getByTestId('models-current')).toContainText(
    'runs on WebGPU, fp32 weights: WebGPU was chosen by hand',
    { timeout: 60_000 }, // SwiftShader compiles the WebGPU sessions on the CPU
  );

  const junk = info.outputPath('junk.zip');
  writeFileSync(junk, 'not a zip');
  await panel.getByTestId('models-zip').setInputFiles(junk);
  await expect(page.getByTestId('notice-error').last()).toContainText('"junk.zip": the file is not a readable zip');
  await expect(page.getByTestId('notice-error').last()).toContainText('omni-test-pack stays loaded.');
  await expect(panel.getByTestId('models-current')).toContainText('runs on WebGPU, fp32 weights'); // the pack in use is kept

  await panel.getByRole('button', { name: 'Delete omni-small' }).click();
  await expect(panel.getByTestId('models-cached')).not.toContainText('omni-small');
});
