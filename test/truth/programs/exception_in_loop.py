values = ["1", "x", "3", "", "5"]
good = []
bad = 0
for v in values:
    try:
        good.append(int(v))
    except ValueError:
        bad += 1
print(good, bad)
