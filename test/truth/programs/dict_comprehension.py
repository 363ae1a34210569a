words = ["stack", "heap", "frame"]
lengths = {w: len(w) for w in words}
print(lengths)
