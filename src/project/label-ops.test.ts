import { describe, expect, it } from 'vitest';
import {
  addLabel,
  audacityLabels,
  eventsToLabels,
  jsonLabels,
  labelledStretches,
  parseAudacityLabels,
  removeLabel,
  renameLabel,
  replaceLabels,
  retimeLabel,
} from './label-ops';
import { newTrack, type Project } from './types';

const RATE = 48000;
const names = new Map([['dog', { name: 'dog', description: 'a dog barking' }]]);

describe('sound labels', () => {
  const project: Project = { sampleRate: RATE, tracks: [{ ...newTrack(0), name: 'Field' }] };
  const trackId = project.tracks[0].id;

  it('moves a label to typed times, never before 0 nor ending before it starts, the lane in time order again', () => {
    let p = addLabel(project, trackId, { start: 100, end: 200 }, 'a');
    p = addLabel(p, trackId, { start: 500, end: 500 }, 'b');
    const [a, b] = p.tracks[0].labels!;
    const times = (q: Project) => q.tracks[0].labels!.map((l) => [l.name, l.start, l.end]);
    expect(times(retimeLabel(p, b.id, 50.4, 50.4))).toEqual([
      ['b', 50, 50],
      ['a', 100, 200],
    ]);
    expect(times(retimeLabel(p, a.id, -10, 150))).toEqual([
      ['a', 0, 150],
      ['b', 500, 500],
    ]);
    expect(times(retimeLabel(p, a.id, 300, 250))).toEqual([
      ['a', 300, 300],
      ['b', 500, 500],
    ]);
  });

  it('places events inside the analysed range at the project rate, with the words an edit uses', () => {
    const labels = eventsToLabels(
      [{ label: 'dog', start: 0.5, end: 1.25, confidence: 0.8 }],
      { start: RATE, end: 3 * RATE },
      RATE,
      names,
    );
    expect(labels).toMatchObject([{ start: 1.5 * RATE, end: 2.25 * RATE, name: 'dog', description: 'a dog barking' }]);
  });

  it('replaces the labels of an analysed range and keeps the others', () => {
    const range = { start: 0, end: 2 * RATE };
    const first = replaceLabels(
      project,
      trackId,
      range,
      eventsToLabels([{ label: 'dog', start: 0.1, end: 0.5, confidence: 0.9 }], range, RATE, names),
    );
    const outside = replaceLabels(
      first,
      trackId,
      { start: 2 * RATE, end: 4 * RATE },
      eventsToLabels(
        [{ label: 'bell', start: 0, end: 1, confidence: 0.7 }],
        { start: 2 * RATE, end: 4 * RATE },
        RATE,
        names,
      ),
    );
    expect(outside.tracks[0].labels?.map((l) => l.name)).toEqual(['dog', 'bell']);
    const again = replaceLabels(outside, trackId, range, []);
    expect(again.tracks[0].labels?.map((l) => l.name)).toEqual(['bell']);
  });

  it('takes one label away and leaves the rest', () => {
    const range = { start: 0, end: 4 * RATE };
    const two = eventsToLabels(
      [
        { label: 'dog', start: 0, end: 1, confidence: 0.9 },
        { label: 'dog', start: 2, end: 3, confidence: 0.8 },
      ],
      range,
      RATE,
      names,
    );
    const labelled = replaceLabels(project, trackId, range, two);
    expect(removeLabel(labelled, two[0].id).tracks[0].labels).toEqual([two[1]]);
  });

  it("writes Audacity's tab-separated label file and JSON in seconds", () => {
    const range = { start: 0, end: 4 * RATE };
    const labelled = replaceLabels(
      project,
      trackId,
      range,
      eventsToLabels([{ label: 'dog', start: 1, end: 2.5, confidence: 0.91234 }], range, RATE, names),
    );
    expect(audacityLabels(labelled)).toBe('1.000000\t2.500000\tdog\n');
    expect(JSON.parse(jsonLabels(labelled))).toEqual({
      sampleRate: RATE,
      labels: [{ track: 'Field', start: 1, end: 2.5, label: 'dog', description: 'a dog barking', confidence: 0.912 }],
    });
  });
});

describe('written labels', () => {
  const project: Project = { sampleRate: RATE, tracks: [{ ...newTrack(0), name: 'Talk' }] };
  const trackId = project.tracks[0].id;
  const write = (p: Project, start: number, end: number, name: string) =>
    addLabel(p, trackId, { start: start * RATE, end: end * RATE }, name);

  it('adds a label at a range or a point, in time order, and renames it', () => {
    const two = write(write(project, 5, 5, 'Chapter 2'), 1, 2, 'Intro');
    const labels = two.tracks[0].labels!;
    expect(labels.map((l) => [l.name, l.start / RATE, l.end / RATE, l.written])).toEqual([
      ['Intro', 1, 2, true],
      ['Chapter 2', 5, 5, true],
    ]);
    const renamed = renameLabel(two, labels[1].id, 'Interview');
    expect(renamed.tracks[0].labels!.map((l) => l.name)).toEqual(['Intro', 'Interview']);
    expect(audacityLabels(renamed).split('\n')[1]).toBe('5.000000\t5.000000\tInterview');
  });

  it('reads an Audacity label file back as it was written, passing over spectral bands and blank lines', () => {
    const two = write(write(project, 5, 5, 'Chapter 2'), 1.25, 2, 'Intro\tpart');
    const text = `${audacityLabels(two)}\\\t100.0\t2000.0\n\n`;
    expect(parseAudacityLabels(text, RATE)).toEqual([
      { start: 1.25 * RATE, end: 2 * RATE, name: 'Intro part' },
      { start: 5 * RATE, end: 5 * RATE, name: 'Chapter 2' },
    ]);
    expect(parseAudacityLabels('1\t2\n', RATE)[0].name).toBe('Label 1');
    expect(() => parseAudacityLabels('1\t2\tok\nRIFF garbage', RATE)).toThrow('Line 2 is not a label');
    expect(() => parseAudacityLabels('3\t2\tbackwards', RATE)).toThrow('Line 1');
  });

  it('exports a region as its span and a point up to the next point or the end', () => {
    const labelled = write(write(write(project, 0, 0, 'One'), 3, 3, 'Two'), 1, 1.5, 'Laugh');
    expect(labelledStretches(labelled, 10 * RATE).map((s) => [s.name, s.start / RATE, s.end / RATE])).toEqual([
      ['One', 0, 3],
      ['Laugh', 1, 1.5],
      ['Two', 3, 10],
    ]);
    expect(labelledStretches(write(project, 10, 10, 'At the end'), 10 * RATE)).toEqual([]);
  });
});
