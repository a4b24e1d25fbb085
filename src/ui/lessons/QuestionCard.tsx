/** One "what comes next?" question: choices as radio buttons, then feedback with the explanation. */
import { useEffect, useId, useRef, useState } from 'react';
import type { Question } from '../../lessons/types';
import { sourceUrl } from '../../lessons/types';
import { sourceTitle } from './describe';
import type { AnswerRecord } from '../../store/lessonStore';

export function QuestionCard({ question, answer, waiting, onAnswer, onContinue }: {
  question: Question;
  /** the learner's answer, once given */
  answer: AnswerRecord | undefined;
  /** the playback is held here until the question is answered */
  waiting: boolean;
  onAnswer(choice: string): void;
  /** shown after answering, to resume the playback */
  onContinue?: () => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const ref = useRef<HTMLElement>(null);
  const feedback = useRef<HTMLDivElement>(null);
  const continueButton = useRef<HTMLButtonElement>(null);
  // set when this card's form was submitted: the form (and its focused button) then gives way to the feedback
  const answeredHere = useRef(false);
  // the playback stops here: bring the question into view (the focus stays where it is)
  useEffect(() => {
    if (waiting) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [waiting]);
  // the focus goes on with the learner, to "Continue playback" (or the feedback), not to the page's start
  useEffect(() => {
    if (answer === undefined || !answeredHere.current) return;
    answeredHere.current = false;
    (continueButton.current ?? feedback.current)?.focus();
  }, [answer]);
  return (
    <section ref={ref} aria-labelledby={`${id}-prompt`} data-testid="lesson-question" className="rounded-lg border border-accent/40 bg-accent-soft/60 p-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-muted">What comes next?</h4>
      <p id={`${id}-prompt`} className="mt-1 font-medium">{question.prompt}</p>
      {answer === undefined ? (
        <form
          className="mt-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice === undefined) return;
            answeredHere.current = true;
            onAnswer(choice);
          }}
        >
          <fieldset>
            <legend className="sr-only">Choose an answer</legend>
            <div className="space-y-1">
              {question.choices.map((c) => (
                <label key={c} className="flex cursor-pointer items-center gap-2 rounded-md border border-line bg-panel px-2 py-1 has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
                  <input type="radio" name={`${id}-choice`} value={c} checked={choice === c} onChange={() => setChoice(c)} className="accent-[var(--color-accent)]" />
                  <span className="break-all font-mono text-xs">{c}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <button type="submit" disabled={choice === undefined} className="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink disabled:opacity-40">Answer</button>
            {waiting && <span className="text-xs text-muted">The playback waits here until you answer.</span>}
          </div>
        </form>
      ) : (
        <div ref={feedback} tabIndex={-1} className="mt-2 space-y-2" data-testid="lesson-feedback">
          <p className={`rounded-md border px-2 py-1 ${answer.correct ? 'border-ok/40 bg-ok-soft text-ok' : 'border-bad/40 bg-bad-soft text-bad'}`}>
            <span className="font-semibold">{answer.correct ? 'Right.' : 'Not this time.'}</span>{' '}
            You chose <code className="break-all font-mono text-xs">{answer.choice}</code>
            {!answer.correct && (answer.actual !== undefined
              ? <>; the trace shows <code className="break-all font-mono text-xs">{answer.actual}</code>{question.choices.includes(answer.actual) ? '' : ' (none of the choices: your scenario differs from the task\'s)'}.</>
              : <>; this run has no matching event after it (your scenario differs from the task's).</>)}
          </p>
          <p>{question.explanation}</p>
          <p className="text-xs text-muted">
            Page: <a className="text-accent underline underline-offset-2" href={sourceUrl(question.page)} target="_blank" rel="noreferrer">{sourceTitle(question.page)}<span className="sr-only"> (opens in a new tab)</span></a>
          </p>
          {onContinue && <button ref={continueButton} type="button" onClick={onContinue} className="rounded-lg border border-line bg-panel px-2.5 py-1.5 text-sm font-medium hover:bg-sunken">Continue playback</button>}
        </div>
      )}
    </section>
  );
}
