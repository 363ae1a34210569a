def parse(s):
    try:
        return int(s)
    except ValueError:
        raise

results = []
for s in ["1", "2"]:
    results.append(parse(s))
print(results)
parse("three")
