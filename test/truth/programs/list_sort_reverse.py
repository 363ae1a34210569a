scores = [42, 7, 19, 88, 3]
scores.sort()
print(scores)
scores.reverse()
print(scores)
ordered = sorted(scores)
print(ordered)
