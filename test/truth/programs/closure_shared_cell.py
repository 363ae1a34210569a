def pair():
    value = 0
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    return get, put

get, put = pair()
put(5)
print(get())
put([1, 2])
print(get())
