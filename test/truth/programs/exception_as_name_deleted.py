try:
    {}["key"]
except KeyError as problem:
    text = str(problem)
print(text)
