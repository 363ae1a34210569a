/**
 * Before/after pairs for `/memsim compare practice:…`: the same job done without and with
 * one of the reference text's practices. Both run for real; the reply shows the measured
 * difference.
 */
import type { PracticeId } from "../../commands/memsim.js";
import { py } from "./topics.js";

export interface PracticePair {
  before: string;
  after: string;
}

export const PRACTICE_PAIRS: Record<PracticeId, PracticePair> = {
  slicing: {
    before: py`
data = list(range(1000))
middle = sum(data[100:900])
`,
    after: py`
from itertools import islice

data = list(range(1000))
middle = sum(islice(data, 100, 900))
`,
  },
  indexing: {
    before: py`
fruits = ["apple", "banana", "cherry"]
for i in range(len(fruits)):
    print(fruits[i])
`,
    after: py`
fruits = ["apple", "banana", "cherry"]
for fruit in fruits:
    print(fruit)
`,
  },
  "string-building": {
    before: py`
words = ["memory", "is", "managed", "for", "you"]
sentence = ""
for word in words:
    sentence += word + " "
`,
    after: py`
words = ["memory", "is", "managed", "for", "you"]
sentence = " ".join(words) + " "
`,
  },
  generators: {
    before: py`
squares = [n * n for n in range(100)]
total = sum(squares)
`,
    after: py`
total = sum(n * n for n in range(100))
`,
  },
};
