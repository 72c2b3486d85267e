"""Every Flask extension, created unbound; ``create_app`` binds them."""

from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from forum.db import Model

db = SQLAlchemy(model_class=Model)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
# Keyed by client address unless a limit says otherwise. Storage, on/off and the limits
# themselves come from the config (RATELIMIT_STORAGE_URI, RATELIMIT_ENABLED, LOGIN_LIMIT_*).
limiter = Limiter(key_func=get_remote_address)
# The page cache's store (forum/page_cache.py): CACHE_TYPE, CACHE_DIR, CACHE_REDIS_URL.
cache = Cache(with_jinja2_ext=False)
