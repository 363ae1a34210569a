words = ["stack", "heap", "frame"]
lengths = (len(w) for w in words)
for n in lengths:
    print(n)
