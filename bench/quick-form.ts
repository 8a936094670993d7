import { loadPlan } from '../src/plan/load-plan.js';
import { parseQuickForm } from '../src/domain/report/quick-form.js';
import { measure, printTable } from './measure.js';

/** Messages of the longest length a report takes (4,000 characters), of the shapes that cost the parser most. */
const LIMIT = 4_000;
const longest = (opening: string, repeated: string) => `${opening}${repeated.repeat(LIMIT)}`.slice(0, LIMIT);

/**
 * The quick form's reading of one message, on the bundled plan. The baseline is the one-line report
 * a head types; the rest are the longest messages a head can send, of numbers, counts and items
 * run together: each is read once per message in a head's turn, so what one costs stalls every
 * other chat for as long. Found so: a rule of this round read every count again at each number of
 * a line and took 2.2 s of CPU for the first of them.
 */
export async function benchQuickForm(): Promise<void> {
  const plan = await loadPlan('examples/lai-chau-2025.yaml');
  const campaign = plan.campaigns[0];
  if (!campaign) throw new Error('the bundled plan has no campaign');
  const messages: [string, string][] = [
    [
      'a one-line report (baseline)',
      'muc1 xong, muc 2 dc 80 phan tram, 3 dang trien khai 40%, muc 4 xong da khen 12 tap the, 5 60, 6 chua, 7 xong 30 tin bai',
    ],
    ['4,000 characters of numbers ("4 1 1 1 …")', longest('4 ', '1 ')],
    ['4,000 characters of counts ("4 xong sl 1 sl 1 …")', longest('4 xong ', 'sl 1 ')],
    ['4,000 characters of items ("1 xong 2 50% 3 50 …")', longest('', '1 xong 2 50% 3 50 4 xong 12 tap the, ')],
  ];
  const rows = [];
  for (const [label, text] of messages) rows.push(await measure(label, () => parseQuickForm(text, campaign), true, 5));
  printTable('Quick form: one message read (median of 5)', rows);
}
