words = ["banana", "kiwi", "apple"]
same = words
words.sort(key=len)
print(same)
