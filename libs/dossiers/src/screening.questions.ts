/* No decorators here: the web app imports this file (the form's questions). */

/**
 * The questions a LIVC asks while screening a signal (issue 13, item 4). Their answers drive RETAIN / REJECT: both
 * need all four answered. The order is the order of the form.
 */
export const SCREENING_QUESTIONS = ['RADICALISATION_LINK', 'SECURITY_RISK', 'CARE_NEED', 'OTHER_SERVICE'] as const;
export type ScreeningQuestion = (typeof SCREENING_QUESTIONS)[number];
export const SCREENING_ANSWERS = ['YES', 'NO', 'UNKNOWN'] as const;
export type ScreeningAnswerCode = (typeof SCREENING_ANSWERS)[number];

export interface ScreeningAnswer { question: ScreeningQuestion; answer: ScreeningAnswerCode; note: string | null }

/** Answers in question order (the API refuses a question answered twice). */
export const orderedAnswers = (answers: ScreeningAnswer[]): ScreeningAnswer[] =>
  SCREENING_QUESTIONS.flatMap((q) => answers.filter((a) => a.question === q));

export const screeningComplete = (answers: ScreeningAnswer[]): boolean =>
  SCREENING_QUESTIONS.every((q) => answers.some((a) => a.question === q));

/** What a RETAIN / REJECT carries in its history row: the answers as codes (no notes, so nothing to erase later). */
export type ScreeningSummary = { question: ScreeningQuestion; answer: ScreeningAnswerCode }[];
export const screeningSummary = (answers: ScreeningAnswer[]): ScreeningSummary => orderedAnswers(answers).map(({ question, answer }) => ({ question, answer }));

