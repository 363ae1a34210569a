words = []
for w in ["heap", "stack", "frame"]:
    words.append(w.upper())
line = " ".join(words)
print(line)
