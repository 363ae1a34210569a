# Practice 5: the standard library already does it, in fewer lines of Python.
from collections import Counter

words = ["red", "blue", "red", "green", "red"]
counts = {}
for w in words:
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
same = Counter(words)
print(counts, same.most_common(1))
