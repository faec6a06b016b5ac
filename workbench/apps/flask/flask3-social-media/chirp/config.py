import os

from dotenv import load_dotenv

# A local .env (never committed) fills os.environ for development.
load_dotenv()


class Config:
    SECRET_KEY = os.environ.get('SECRET_KEY', 'dev')
    DATABASE = os.environ.get('CHIRP_DATABASE')
    POSTS_PER_PAGE = int(os.environ.get('CHIRP_POSTS_PER_PAGE', '20'))
    MAX_POST_LENGTH = 280
