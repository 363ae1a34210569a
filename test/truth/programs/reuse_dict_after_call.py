def count(word):
    seen = {}
    for ch in word:
        seen[ch] = 1
    return len(seen)

info = {"letters": count("hello")}
print(info)
