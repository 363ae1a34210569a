settings = {"mode": "dark"}
copy_ref = settings
copy_ref["mode"] = "light"
print(settings)
