import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Campaign } from '../../src/domain/campaign.js';
import { completeAnswer, isNoNoteWord } from '../../src/domain/report/answers.js';
import { parseQuickForm } from '../../src/domain/report/quick-form.js';
import type { ItemAnswer } from '../../src/domain/submission.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { vi } from '../../src/texts/vi.js';
import { reviewLine } from '../../handlers/report/render.js';

/**
 * What the bot prints in its review, copied and sent back as a quick form (as heads do to correct
 * one line), reads as the very same answers: the review is a faithful, re-readable record.
 */
let campaign: Campaign;
beforeAll(async () => {
  const c = (await loadPlan('examples/lai-chau-2025.yaml')).campaigns[0];
  if (!c) throw new Error('no campaign');
  campaign = c;
});

const noteChars = fc.constantFrom(
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÂ 0123456789,.;:%/()-"\'✅'.split(''),
);
const note = fc.oneof(
  fc.constant(''),
  fc
    .array(noteChars, { minLength: 1, maxLength: 60 })
    .map((cs) => cs.join('').trim().replace(/\s+/g, ' '))
    .filter((n) => n !== '' && !isNoNoteWord(n)),
  fc.constantFrom('2, 3 xong', 'mục 4: 100%', 'ghi chú: không', 'Hội nghị ngày 05/6, 3 đang chuẩn bị', 'sl 12 tập thể'),
);

function answersFor(c: Campaign) {
  return fc.tuple(
    ...c.items.map((item) =>
      fc
        .record({
          status: fc.constantFrom('done', 'in-progress', 'not-started'),
          percent: fc.integer({ min: 1, max: 999 }).map((x) => x / 10),
          quantity: fc.integer({ min: 0, max: 1_000_000 }),
          note,
        })
        .map((a): ItemAnswer => {
          const status = a.status;
          return {
            itemNo: item.no,
            status,
            percent: status === 'done' ? 100 : status === 'not-started' ? 0 : a.percent,
            note: a.note,
            ...(item.quantity ? { quantity: status === 'not-started' ? 0 : a.quantity } : {}),
          };
        }),
    ),
  );
}

describe('the review, sent back as a quick form', () => {
  it('reads as the same answers, item by item, with nothing in doubt', () => {
    fc.assert(
      fc.property(answersFor(campaign), (answers) => {
        const review = [
          vi.report.reviewHeader('Sở Y tế', 'sơ kết 6 tháng đầu năm 2025'),
          ...campaign.items.map((item, k) => reviewLine(vi, item, answers[k] as ItemAnswer)),
        ].join('\n');
        const read = parseQuickForm(review, campaign);
        expect(read.doubts, review).toEqual([]);
        const back = read.drafts.map((d) => {
          const item = campaign.items.find((i) => i.no === d.itemNo);
          if (!item) throw new Error(`no item ${d.itemNo}`);
          return completeAnswer(d, item);
        });
        expect(back, review).toEqual(answers);
      }),
      { numRuns: 500 },
    );
  });
});
