// Styles of the Vant components the app uses (components are imported per file).
import 'vant/es/style/base.css'
import 'vant/es/button/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/icon/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/overlay/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/switch/style/index'
