// Every check kind, one line each: the spec schema, the registry, scoring and `grade show` are derived from this list.
export { default as behavior } from './behavior.js';
export { default as boolean } from './boolean.js';
export { default as choice } from './choice.js';
export { default as expression } from './expression.js';
export { default as freeText } from './free-text.js';
export { default as multiChoice } from './multi-choice.js';
export { default as numeric } from './numeric.js';
export { default as statistical } from './statistical.js';
export { default as tensor } from './tensor.js';
