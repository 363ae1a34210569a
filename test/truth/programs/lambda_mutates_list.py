bucket = []
add = lambda v: bucket.append(v)
add(1)
add(2)
print(len(bucket))
