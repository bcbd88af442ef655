export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './pagination';
export * from './uuid.pipe';
export * from './dates';
export * from './is-calendar-date.decorator';
export * from './is-instant.decorator';
