scores = {"ann": 3, "bob": 7, "cid": 1, "dee": 9}
for name in list(scores):
    if scores[name] < 5:
        del scores[name]
print(scores)
scores.clear()
print(len(scores))
