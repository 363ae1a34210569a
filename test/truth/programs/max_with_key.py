words = ["heap", "stack", "frame", "pointer"]
longest = max(words, key=len)
shortest = min(words, key=lambda w: len(w))
print(longest, shortest)
