tags = {10, 20, 30}
same = tags
tags.clear()
print(len(same))
